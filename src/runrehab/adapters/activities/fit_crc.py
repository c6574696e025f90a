"""FIT CRCs checked in one pass over the bytes, before decoding.

fitdecode checks CRCs as it reads, a few bytes at a time, and that costs a fifth of its decoding
time; a table-driven pass over the whole file costs a thirtieth. `crcs_verified` says whether the
bytes are whole FIT files (chained files too) whose CRCs all match: then fitdecode can skip its
own check. Anything else (a mismatch, a truncated or odd header, trailing bytes) is for fitdecode
to read with its check on, so that it says exactly what is wrong, as it always has.
"""

from __future__ import annotations

__all__ = ["crc16", "crcs_verified"]

_HEADER_SIZES = (12, 14)  # 14 ends with the header's own CRC, which may be 0 (not set)


def _table() -> tuple[int, ...]:
    """CRC-16/ARC (reflected polynomial 0xA001, initial 0), the FIT SDK's CRC, one byte a step."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _table()


def crc16(data: bytes | memoryview) -> int:
    """The FIT CRC of `data`; 0 over data followed by its own CRC (little-endian) when they match."""
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc


def crcs_verified(data: bytes) -> bool:
    """True when `data` is one or more whole FIT files, each with matching header and file CRCs."""
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        end = _file_end(data, offset)
        if end is None or crc16(view[offset:end]) != 0:
            return False
        offset = end
    return offset > 0


def _file_end(data: bytes, offset: int) -> int | None:
    """Where the FIT file starting at `offset` ends (after its CRC), or None when its header is
    odd, its header CRC does not match, or the data stops short."""
    header_size = data[offset]
    if header_size not in _HEADER_SIZES or data[offset + 8 : offset + 12] != b".FIT":
        return None
    end = offset + header_size + int.from_bytes(data[offset + 4 : offset + 8], "little") + 2
    if end > len(data):
        return None
    header_crc = int.from_bytes(data[offset + 12 : offset + header_size], "little")
    if header_crc and crc16(data[offset : offset + 12]) != header_crc:
        return None
    return end
