#!/usr/bin/env python3
"""Writes the .npy files NumPyMatrixTests reads, with numpy's own np.save (numpy 2.x):

    bench/.venv/bin/python Tests/TabularTests/Fixtures/npy/make_npy_fixtures.py
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
values = np.arange(12, dtype=np.float64).reshape(4, 3) / 8 - 0.5  # exact in float16 and float32
np.save(f"{here}/float32.npy", values.astype(np.float32))
np.save(f"{here}/float16.npy", values.astype(np.float16))
np.save(f"{here}/float64.npy", values)
np.save(f"{here}/fortran.npy", np.asfortranarray(values.astype(np.float32)))
np.save(f"{here}/three_d.npy", np.zeros((2, 2, 2), dtype=np.float32))
with_nan = values.astype(np.float32)
with_nan[2, 1] = np.nan
np.save(f"{here}/nan.npy", with_nan)
with_inf = values.astype(np.float16)
with_inf[3, 0] = np.inf
np.save(f"{here}/inf.npy", with_inf)
with open(f"{here}/float32.npy", "rb") as f:
    whole = f.read()
with open(f"{here}/truncated.npy", "wb") as f:
    f.write(whole[:-5])
