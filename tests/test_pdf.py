"""commands.pdf and add-source on PDFs: real PDFs, printed from HTML fixtures by headless
Chromium (its running header and footer included), read with pypdf."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citedeck.cli import main
from citedeck.commands.pdf import NotReadable, pdf_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium to print PDFs")


def printed(html: str, folder: Path, name: str = "page") -> Path:
    """`html` printed to a PDF by headless Chromium, with its header (date, title) and
    footer (address, page n/m) on every page."""
    source, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    source.write_text(html, encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
         source.resolve().as_uri()],
        capture_output=True, timeout=60, check=True,
    )
    return pdf


_VOCABULARY = (
    "seed library borrowers harvest tomatoes beans council garden winter spring farmers "
    "varieties packets shelves volunteers drought rainfall soil compost orchard museum school "
    "children elders recipes market river valley county grant budget"
).split()


def _words(n: int) -> str:
    return " ".join(_VOCABULARY[(n * 7 + i * 3) % len(_VOCABULARY)] for i in range(8 + n % 9))


def _paragraph(n: int) -> str:
    # "interna-<br>tional": a word hyphenated across a line's end, as a typeset paper has it.
    return f"<p>Paragraph {n} names {_words(n)}; the interna-<br>tional committee praised it.</p>"


REPORT = (
    "<html lang=en><head><meta charset=utf-8><title>Seed Report</title><style>"
    "body{font:16px serif;width:5in} .columns{column-count:2}</style></head><body>"
    f"<h1>Seed Report</h1><div class=columns>{''.join(_paragraph(n) for n in range(40))}</div>"
    "</body></html>"
)


def expected_paragraph(n: int) -> str:
    return f"Paragraph {n} names {_words(n)}; the international committee praised it."


def test_a_two_column_report_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    found = pdf_text(printed(REPORT, tmp_path).read_bytes())
    assert found.text == "Seed Report\n" + "".join(f"{expected_paragraph(n)}\n" for n in range(40))
    # Chromium's header (the day printed, the title) and footer (file:///..., 1/2) are gone.
    assert (found.title, found.author, found.date) == ("Seed Report", None, None)


def test_metadata_is_read_and_a_browser_print_date_is_not(tmp_path: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(printed(REPORT, tmp_path))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.add_metadata(
        {"/Title": "Seed Libraries", "/Author": "Ada Byline", "/Producer": "LaTeX with hyperref",
         "/Creator": "pdfTeX", "/CreationDate": "D:20240502080000Z"}
    )
    path = tmp_path / "typeset.pdf"
    with open(path, "wb") as out:
        writer.write(out)
    found = pdf_text(path.read_bytes())
    assert (found.title, found.author, found.date) == ("Seed Libraries", "Ada Byline", "2024-05-02")


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    scan = printed(
        "<html><body><svg width=400 height=300><rect width=400 height=300 fill=gray/></svg>"
        "</body></html>", tmp_path, "scan"
    )
    with pytest.raises(NotReadable) as refused:
        pdf_text(scan.read_bytes())
    assert str(refused.value).startswith("has ")
    assert str(refused.value).endswith(
        "words of text in 1 pages: no text layer (a scan?); run OCR on it (e.g. ocrmypdf) and add the result"
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "deck"
    assert CliRunner().invoke(main, ["init", str(root), "--name", "Reading list"]).exit_code == 0
    monkeypatch.chdir(root)
    return root


def test_add_source_stores_a_pdf_and_a_pdf_renamed_html_alike(project: Path, tmp_path: Path) -> None:
    pdf = printed(REPORT, tmp_path)
    result = CliRunner().invoke(main, ["add-source", str(pdf)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "added 'seed-report' to seeds/sources.yaml:\n"
        "  key:       seed-report (chosen for you; rename it in seeds/sources.yaml before cards cite it)\n"
        "  file:      seeds/seed-report.txt\n"
        "  title:     Seed Report\n"
    )
    assert Path("seeds/seed-report.txt").read_text(encoding="utf-8").startswith(
        f"Seed Report\n{expected_paragraph(0)}\n"
    )
    # Once stored as binary garbage: now read as the PDF it is.
    renamed = printed(REPORT.replace("Seed Report", "Seed Review"), tmp_path, "review").rename(
        tmp_path / "review.html"
    )
    again = CliRunner().invoke(main, ["add-source", str(renamed)])
    assert again.exit_code == 0, again.output
    assert Path("seeds/seed-review.txt").read_text(encoding="utf-8").startswith("Seed Review\nParagraph 0 ")
    assert [s["key"] for s in yaml.safe_load(Path("seeds/sources.yaml").read_text())["sources"]] == [
        "seed-report", "seed-review"
    ]


def test_add_source_refuses_a_pdf_that_is_none(project: Path, tmp_path: Path) -> None:
    (tmp_path / "fake.pdf").write_text("just text", encoding="utf-8")
    result = CliRunner().invoke(main, ["add-source", str(tmp_path / "fake.pdf")])
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path / 'fake.pdf'} is not a PDF (it does not begin with %PDF-); nothing was added\n"
    )
