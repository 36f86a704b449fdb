#!/usr/bin/env python3
"""Writes a benchmark source image: `full` (every byte random), `sparse` (25 % allocated in random extents, holes
between them) or `mixed` (fully written, each MiB half random and half a repeated text, so it compresses ~2:1)."""
import os
import random
import sys

MIB = 1 << 20


def main() -> None:
    kind, path, size_mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(6)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.ftruncate(fd, size_mib * MIB)
        if kind == "sparse":
            # In each 16 MiB slot, one extent of 1..7 MiB (64 KiB granular) at a random place: 25 % on average.
            for slot in range(0, size_mib * MIB, 16 * MIB):
                length = rng.randrange(16, 113) * 64 * 1024
                start = slot + rng.randrange(0, (16 * MIB - length) // 65536 + 1) * 65536
                os.pwrite(fd, os.urandom(length), start)
        else:
            text = (b"VirtCrypt moves guests onto LUKS. " * 20000)[: MIB // 2]
            for offset in range(0, size_mib * MIB, MIB):
                block = os.urandom(MIB) if kind == "full" else os.urandom(MIB // 2) + text
                os.pwrite(fd, block, offset)
        os.fsync(fd)
    finally:
        os.close(fd)


if __name__ == "__main__":
    main()
