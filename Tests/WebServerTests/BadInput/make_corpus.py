#!/usr/bin/env python3
"""Writes the bad-submission corpus for nti-digits' qualifying round (ids img####, labels 0-9) and
manifest.json: {file: [HTTP status, a fragment the error must contain]}. Files built from the valid
example competitions/nti-digits/examples/knn/qualifying.csv; the 50 MB line and the over-limit file
are made by the test at run time (too big to commit).
    python Tests/WebServerTests/BadInput/make_corpus.py      (from the repository root)"""
import gzip, io, json, os, random, zipfile

here = os.path.dirname(os.path.abspath(__file__))
valid = open("competitions/nti-digits/examples/knn/qualifying.csv", encoding="utf-8").read().splitlines()
header, rows = valid[0], valid[1:]
manifest = {}
random.seed(7)


def put(name, data, status, fragment):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    manifest[name] = [status, fragment]


def csv(lines):
    return "\n".join(lines) + "\n"


def with_row(index, row):
    copy = list(rows)
    copy[index] = row
    return csv([header] + copy)


first_id = rows[0].split(",")[0]
put("empty.csv", b"", 422, "the file is empty")
put("header_only.csv", "id,label\n", 422, "is missing")
put("bom_header_only.csv", "\ufeffid,label\n", 422, "is missing")
put("crlf_bad_label.csv", "\r\n".join([header] + rows[:-1] + [rows[-1].split(",")[0] + ",x"]) + "\r\n", 422, "\"x\" is not one of")
put("semicolons.csv", csv([r.replace(",", ";") for r in [header] + rows]), 422, "separated by semicolons, but Podium reads commas")
put("tabs.csv", csv([r.replace(",", "\t") for r in [header] + rows]), 422, "separated by tabs, but Podium reads commas")
put("unterminated_quote.csv", with_row(5, first_id[:-1] + "9,\"7"), 422, "never closed")
put("duplicate_id.csv", with_row(1, rows[0]), 422, "duplicate id")
put("missing_id.csv", csv([header] + rows[1:]), 422, "is missing")
put("unknown_id.csv", with_row(3, "img9999,1"), 422, "unknown id \"img9999\"")
for name, label in [("nan", "nan"), ("inf", "inf"), ("overflow", "1e309"), ("negative", "-1"), ("ten", "10"),
                    ("float", "1.0"), ("leading_space", " 1"), ("empty_label", ""), ("word", "seven"),
                    ("probability", "0.7"), ("arabic_indic_digit", "\u0663"), ("fullwidth_digit", "\uff13")]:
    hint = "\"1.0\" looks like the number 1 written as a float: write 1" if name == "float" else ""
    put(f"label_{name}.csv", with_row(2, rows[2].split(",")[0] + "," + label), 422, hint or "is not one of 0, 1, 2")
put("lookalike_cyrillic_id.csv", with_row(4, "\u0456" + rows[4][1:]), 422, "unknown id")
put("trailing_space_id.csv", with_row(4, rows[4].split(",")[0] + " ," + rows[4].split(",")[1]), 422, "the id has a trailing space")
put("extra_column.csv", csv([header + ",confidence"] + [r + ",0.9" for r in rows]), 422, "unexpected column")
put("missing_label_column.csv", csv(["id"] + [r.split(",")[0] for r in rows]), 422, "missing column")
put("wrong_header.csv", csv(["id,prediction"] + rows), 422, "missing column")
put("uppercase_id_header.csv", csv(["ID,label"] + rows), 422, "no id column")
put("pandas_index.csv", csv([",id,label"] + [f"{i},{r}" for i, r in enumerate(rows)]), 422, "index=False")
put("duplicate_header.csv", csv(["id,label,label"] + [r + ",1" for r in rows]), 422, "duplicate header name")
put("ragged_long_row.csv", with_row(6, rows[6] + ",extra"), 422, "expected 2 fields")
put("ragged_short_row.csv", with_row(6, rows[6].split(",")[0]), 422, "expected 2 fields")
put("stray_quote.csv", with_row(7, rows[7].split(",")[0] + ",1\"2"), 422, "quote inside the unquoted field")
put("text_after_quote.csv", with_row(7, rows[7].split(",")[0] + ",\"1\"2"), 422, "after the closing quote")
put("invalid_utf8.csv", csv([header] + rows).encode("utf-8").replace(b"img0", b"img\xff", 1), 422, "invalid UTF-8")
put("utf16.csv", csv([header] + rows).encode("utf-16"), 422, "the file is UTF-16 (little-endian), not UTF-8")
put("utf16_no_bom.csv", csv([header] + rows).encode("utf-16-be"), 422, "the file is UTF-16 (big-endian), not UTF-8")
put("windows1251.csv", (csv([header] + rows[:-1]) + rows[-1].split(",")[0] + ",семь\n").encode("cp1251"), 422, "invalid UTF-8")
put("binary_garbage.csv", bytes(random.randrange(256) for _ in range(4096)), 422, "save the file as UTF-8")


def archive(entries, method=zipfile.ZIP_DEFLATED):
    """A zip archive of (name, bytes) entries, as Python's zipfile writes it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return bytearray(buffer.getvalue())


def patch_directory(data, offset, value, size=4):
    """Writes `value` at `offset` of the first central directory record (and of the first local header
    for the size fields), as a hostile tool would."""
    cd = data.find(b"PK\x01\x02")
    data[cd + offset:cd + offset + size] = value.to_bytes(size, "little")
    return data


good = csv([header] + rows).encode()
os.remove(os.path.join(here, "zipped.zip")) if os.path.exists(os.path.join(here, "zipped.zip")) else None
put("archive_traversal.zip", bytes(archive([("../../etc/cron.d/podium.csv", good)])), 422, "is not a plain relative path")
put("archive_absolute.zip", bytes(archive([("/tmp/podium.csv", good)])), 422, "is not a plain relative path")
put("archive_bomb.zip", bytes(archive([("bomb.csv", b"0" * (200 * 1024 * 1024))])), 422, "inflates to 209715200 bytes; the limit is")
put("archive_lying_bomb.zip", bytes(patch_directory(archive([("bomb.csv", b"0" * (8 * 1024 * 1024))]), 24, 1000)), 422,
    "inflates past its declared 1000 bytes")
put("archive_truncated.zip", bytes(archive([("q.csv", good)])[:300]), 422, "its end record is missing")
put("archive_encrypted.zip", bytes(patch_directory(archive([("q.csv", good)]), 8, 0x0801, 2)), 422, "is encrypted")
put("archive_bad_crc.zip", bytes(patch_directory(archive([("q.csv", good)]), 16, 0x12345678)), 422,
    "does not match its recorded size and checksum")
put("archive_too_many_entries.zip", bytes(archive([(f"f{i}.csv", b"") for i in range(1001)], zipfile.ZIP_STORED)), 422,
    "holds 1001 entries; at most 1000")
put("archive_only_junk.zip", bytes(archive([("__MACOSX/._q.csv", b"junk"), (".DS_Store", b"junk"), ("folder/", b"")])),
    422, "holds no files (only folders or junk)")
put("archive_two_files.zip", bytes(archive([("a/q.csv", good), ("b/q.csv", good)])), 422, "submit one file, not 2")
put("archive_bad_file_inside.zip", bytes(archive([("submission/q.csv", csv([header] + rows[:-1] + [rows[-1].split(",")[0] + ",x"]))])),
    422, "\"x\" is not one of")
put("gzipped.csv.gz", gzip.compress(csv([header] + rows).encode()), 422, "save the file as UTF-8")
put("nul_bytes.csv", with_row(8, rows[8].split(",")[0] + "\x00,1"), 422, "unknown id")
put("only_whitespace.csv", "   \n   \n", 422, "no id column")
put("spaced_header.csv", csv([" id, label"] + rows), 422, "no id column")
put("html_page.csv", "<!doctype html><html><body>404 Not Found</body></html>\n", 422, "no id column")
put("json_instead.csv", json.dumps({r.split(",")[0]: r.split(",")[1] for r in rows}), 422, "quote inside the unquoted field")
put("every_row_bad.csv", csv([header] + [r.split(",")[0] + ",x" for r in rows]), 422, "has 400 problems")
json.dump(manifest, open(os.path.join(here, "manifest.json"), "w"), indent=1, sort_keys=True, ensure_ascii=False)
print(len(manifest), "files")
