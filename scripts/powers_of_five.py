#!/usr/bin/env python3
"""Prints Sources/Tabular/PowersOfFive.swift: the 128-bit powers of five of the Eisel–Lemire conversion
(NumberParser), generated the way fast_float's script/table_generation.py does, for q in -64…64.
    python3 scripts/powers_of_five.py > Sources/Tabular/PowersOfFive.swift"""


def entry(q):
    if q < 0:
        power5 = 5 ** -q
        z = power5.bit_length()  # 2^z > 5^-q (never a power of two)
        if q >= -27:
            return 2 ** (z + 127) // power5 + 1
        c = 2 ** (2 * z + 128) // power5 + 1
        while c >= 1 << 128:
            c //= 2
        return c
    power5 = 5 ** q
    while power5 < 1 << 127:
        power5 *= 2
    while power5 >= 1 << 128:
        power5 //= 2
    return power5


print("/// 5^q for q in -64…64, normalised to 128 bits (the high word's top bit set) and truncated; for q < 0, the")
print("/// truncated 2^b / 5^-q plus one: the table of fast_float's Eisel–Lemire conversion, for the exponents")
print("/// prediction files use. Generated: `python3 scripts/powers_of_five.py > Sources/Tabular/PowersOfFive.swift`.")
print("let powersOfFive128: [UInt64] = [")
for q in range(-64, 65):
    value = entry(q)
    print(f"    0x{value >> 64:016X}, 0x{value & (2 ** 64 - 1):016X},  // {q}")
print("]")
