"""A screenshot of the review window with 30 units: screenshots/review-table.png (and review-notice.png).

    QT_QPA_PLATFORM=offscreen python3 tools/review_screenshot.py [--size 1366x768] [--out screenshots]

The units are the demo report at 30 different scales (balanced), a few given errors or blanks, two files
left out, some 通过 and 退回; the expected list has two units that did not report.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = ("发展和改革局", "教育局", "科学技术局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
               "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
               "文化广电和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
               "医疗保障局", "林业局", "城市管理局", "信访局", "人民政府办公室", "民族宗教事务局", "数据局",
               "机关事务服务中心")


def build_review():
    from model import project
    from model.review import PASSED, RETURNED, FileSummary, Review

    demo = project.load(ROOT / "resources" / "samples" / "demo-2021.gknb")
    review = Review(2025, ["D:/年报审核/2025"], [f"{d}" for d in DEPARTMENTS] + ["档案馆", "气象局"])
    for k, dept in enumerate(DEPARTMENTS):
        r = project.loads(project.dumps(demo))
        r.meta.organ = f"某某县{dept}"
        for cid, v in list(r.cells.items()):
            if v is not None:
                r.set(cid, v * (k % 7 + 1))
        extra = (k * 5) % 11  # more granted requests: the 实质公开率 differs from unit to unit, still balanced
        r.set("t3.new.natural", r.cells["t3.new.natural"] + extra)
        r.set("t3.granted.natural", r.cells["t3.granted.natural"] + extra)
        if k in (3, 11, 20):
            r.set("t3.new.natural", (r.cells["t3.new.natural"] or 0) + 2)  # breaks the balance
        if k == 8:
            r.set("t4.review.upheld", None)
        s = FileSummary(f"D:/年报审核/2025/{dept}.docx", f"h{k}", 0).take(r)
        u = review.add(s, refresh=False)
        if k % 4 == 1:
            review.set_status(u, PASSED)
        if k in (3, 11):
            review.set_status(u, RETURNED, "表三勾稽关系不平衡，请核对“新收”。")
    review.add(FileSummary("D:/年报审核/2025/补报/水利局（旧）.docx", problem="「水利局（旧）.docx」已损坏，无法作为 Word 文件读取。"),
               refresh=False)
    old = project.loads(project.dumps(demo))
    old.meta.organ, old.meta.year = "某某县统计局", 2024
    review.add(FileSummary("D:/年报审核/2025/统计局2024.docx", "hx", 0).take(old))
    return review


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--size", default="1366x768")
    p.add_argument("--out", default=str(ROOT / "screenshots"))
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.app import make_app
    from gui.review_window import ReviewWindow

    app = make_app()
    rw = ReviewWindow(None, build_review())
    rw.model.set_review(rw.review)
    rw.year.setValue(2025)
    rw.update_summary()
    w, h = (int(x) for x in args.size.split("x"))
    rw.resize(w, h)
    rw.show()
    for _ in range(5):
        app.processEvents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rw.grab().save(str(out / "review-table.png"))
    unit = next(u for u in rw.review.units if u.status == "returned")
    rw.send_back(unit)
    rw.notice.resize(720, 520)
    for _ in range(5):
        app.processEvents()
    rw.notice.grab().save(str(out / "review-notice.png"))
    print(out / "review-table.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
