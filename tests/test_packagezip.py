import random
import zipfile
import zlib
from pathlib import Path

from citedeck.output.packagezip import LEVEL, PIECE_BYTES, deflate, write_zip


def sample(size: int) -> bytes:
    # Runs that repeat far apart (so pieces refer back across their bounds) and noise.
    rng = random.Random(size)
    words = [bytes(rng.choices(range(97, 123), k=rng.randint(2, 12))) for _ in range(500)]
    data = bytearray()
    while len(data) < size:
        data += rng.choice(words) + (b" " if rng.random() < 0.9 else bytes(rng.choices(range(256), k=9)))
    return bytes(data[:size])


def test_a_stream_deflated_in_pieces_inflates_to_the_data_the_same_on_any_number_of_cores() -> None:
    data = sample(8 * PIECE_BYTES + 12345)
    streams = {workers: deflate(data, workers) for workers in (1, 2, 3, 16)}
    assert len(set(streams.values())) == 1  # a reproducible build is the same on any machine
    stream = streams[2]
    assert zlib.decompress(stream, -zlib.MAX_WBITS) == data
    # Each piece goes on from the one before it: together they compress nearly as well as one.
    whole = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert len(stream) < len(whole.compress(data) + whole.flush()) * 1.01


def test_data_of_one_piece_is_zlibs_own_stream() -> None:
    for data in (sample(PIECE_BYTES), sample(1000), b""):
        whole = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        assert deflate(data, 4) == whole.compress(data) + whole.flush()
        assert zlib.decompress(deflate(data, 4), -zlib.MAX_WBITS) == data


def test_the_zip_is_what_zipfile_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "p.apkg"
    members = [("collection.anki2", sample(3 * PIECE_BYTES)), ("media", b"{}")]
    write_zip(path, members, (2023, 11, 14, 22, 13, 21), b"citedeck")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every member's CRC checks out
        assert archive.comment == b"citedeck"
        infos = archive.infolist()
        assert [(i.filename, i.date_time, i.compress_type, i.external_attr >> 16, i.create_system) for i in infos] == [
            (name, (2023, 11, 14, 22, 13, 20), zipfile.ZIP_DEFLATED, 0o644, 3) for name, _ in members
        ]
        assert [archive.read(name) for name, _ in members] == [data for _, data in members]
