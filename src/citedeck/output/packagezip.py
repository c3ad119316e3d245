"""A package's zip file, written here rather than by zipfile, so that its one large member, the
collection, is compressed on every core at once: in pieces, each a run of deflate blocks that
goes on where the last left off (as pigz does), which together are one deflate stream."""

from __future__ import annotations

import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from citedeck.check.parallel import cores

# zlib's level 1: a large collection compresses several times faster than at the default, for
# a package only a little larger.
LEVEL = 1
# The collection is cut into pieces of this many bytes, so many whatever the machine: the
# package's bytes must not depend on how many cores built it (a reproducible build is the same
# on a laptop, in CI and under taskset). A piece costs a few bytes and a 32 KiB look back.
PIECE_BYTES = 1 << 20
_WINDOW = 32 * 1024  # how far back deflate may refer: each piece starts knowing as much before it
_VERSION = 20  # zip 2.0: deflate
_MADE_ON_UNIX = 3 << 8
_FILE_MODE = 0o644 << 16
_LAST_SIZE = 0xFFFFFFFF  # past this a member needs zip64, which this writer does not write


def deflate(data: bytes, workers: int | None = None) -> bytes:
    """`data` as one raw deflate stream, made of pieces of PIECE_BYTES compressed by `workers`
    threads at once (by default one for each core). The stream depends on `data` alone."""
    bounds = [*range(0, len(data), PIECE_BYTES), len(data)] if data else [0, 0]
    count = len(bounds) - 1

    def compress(index: int) -> bytes:
        start, end = bounds[index], bounds[index + 1]
        if index:
            before = data[max(0, start - _WINDOW) : start]
            compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=before)
        else:
            compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        # Every piece but the last ends on a byte boundary, its last block not final.
        flush = zlib.Z_FINISH if index == count - 1 else zlib.Z_SYNC_FLUSH
        return compressor.compress(memoryview(data)[start:end]) + compressor.flush(flush)

    threads = min(cores() if workers is None else workers, count)
    if threads < 2:
        return b"".join(map(compress, range(count)))
    # zlib lets go of the interpreter while it compresses: the threads run on every core.
    with ThreadPoolExecutor(threads) as pool:
        return b"".join(pool.map(compress, range(count)))


def write_zip(path: Path, members: list[tuple[str, bytes]], date: tuple[int, ...], comment: bytes) -> None:
    """Write a zip file of `members` (name, data), each deflated, all dated `date` (year,
    month, day, hour, minute, second; 1980 to 2107), with `comment`."""
    dos_time = date[3] << 11 | date[4] << 5 | date[5] // 2
    dos_date = (date[0] - 1980) << 9 | date[1] << 5 | date[2]
    central = []
    offset = 0
    with open(path, "wb") as archive:
        for name, data in members:
            packed = deflate(data)
            if max(len(data), len(packed), offset) >= _LAST_SIZE:
                raise OSError(f"{name} is too large for a zip file without zip64")
            encoded = name.encode("ascii")
            fixed = struct.pack(
                "<HHHHHIIIH",
                _VERSION, 0, zlib.DEFLATED, dos_time, dos_date, zlib.crc32(data), len(packed), len(data), len(encoded),
            )
            archive.write(b"PK\x03\x04" + fixed + struct.pack("<H", 0) + encoded)
            archive.write(packed)
            central.append(
                b"PK\x01\x02"
                + struct.pack("<H", _MADE_ON_UNIX | _VERSION)
                + fixed
                + struct.pack("<HHHHII", 0, 0, 0, 0, _FILE_MODE, offset)
                + encoded
            )
            offset += 30 + len(encoded) + len(packed)
        directory = b"".join(central)
        archive.write(directory)
        archive.write(
            b"PK\x05\x06"
            + struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), offset, len(comment))
            + comment
        )
