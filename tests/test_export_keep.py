"""Table 2 in the Word file stays together: every row but the last keeps with the next (w:keepNext on its
paragraphs) and no row splits (w:cantSplit), so Word and WPS break the table only before or after it."""
from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from model import project


@pytest.mark.parametrize("sample", [SEED_SAMPLE, DEMO_SAMPLE])
def test_table_two_rows_keep_with_next(tmp_path, sample):
    from export.word import write_docx

    report = project.load(sample)
    out = tmp_path / "r.docx"
    write_docx(report, out)
    doc = Document(str(out))
    t2 = report.format.tables["t2"]
    table = doc.tables[0]  # the first table of the report is 表二
    rows = table._tbl.tr_lst
    assert len(rows) == t2.n_rows
    block_ends = [b.end for b in t2.blocks]
    assert len(block_ends) > 1
    for i, tr in enumerate(rows):
        assert tr.trPr.find(qn("w:cantSplit")) is not None
        paragraphs = tr.findall(".//" + qn("w:p"))
        keeps = [p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paragraphs]
        if i < len(rows) - 1:
            assert all(keeps), f"row {i} of 表二 does not keep with the next"
        else:
            assert not any(keeps)  # the last row lets the text after the table go on
