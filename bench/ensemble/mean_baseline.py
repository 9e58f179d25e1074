#!/usr/bin/env python3
"""What a user would write for `ensemble mean`: read_csv each file, align on id, np.average, to_csv.
    python mean_baseline.py OUT FILE..."""
import sys
import numpy as np
import pandas as pd

out, paths = sys.argv[1], sys.argv[2:]
frames = [pd.read_csv(p, dtype={"id": str}).set_index("id") for p in paths]
first = frames[0]
stack = np.stack([f.reindex(first.index)[first.columns].to_numpy() for f in frames])
assert not np.isnan(stack).any(), "id sets differ"
pd.DataFrame(np.average(stack, axis=0), index=first.index, columns=first.columns).to_csv(out)
