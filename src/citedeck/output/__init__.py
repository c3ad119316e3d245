"""What a proven deck becomes: notes' HTML, citations, the Anki package, the preview page, the findings' formats."""
