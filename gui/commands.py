"""Undo commands: every edit of a report is one of these, pushed on the document's QUndoStack."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from model.values import Value

from .document import ReportDocument

_TEXT_ID = 1
_META_ID = 2


class SetCellsCommand(QUndoCommand):
    """Set several input cells (and their units) at once: one typed cell, a Delete, or a whole paste."""

    def __init__(self, doc: ReportDocument, values: dict[str, Value], units: dict[str, str] | None = None,
                 text: str = "修改单元格"):
        super().__init__(text)
        self.doc = doc
        r = doc.report
        self.new_values, self.new_units = dict(values), dict(units or {})
        self.old_values = {c: r.cells[c] for c in values}
        self.old_units = {c: r.units.get(c, "") for c in self.new_units}
        # Editing a figure drops the totals an imported report printed; undo must bring them back.
        self.old_reported = dict(r.reported)

    def redo(self) -> None:
        self.doc.apply_cells(self.new_values, self.new_units, None)

    def undo(self) -> None:
        self.doc.apply_cells(self.old_values, self.old_units, self.old_reported)


class SetTextCommand(QUndoCommand):
    """Change one text field; consecutive typing in the same field merges into one undo step."""

    def __init__(self, doc: ReportDocument, key: tuple, old: str, new: str, label: str = "修改文字"):
        super().__init__(label)
        self.doc, self.key, self.old, self.new = doc, key, old, new
        self.sealed = False  # set when the clerk leaves the field: the next typing starts a new step

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTextCommand) or other.key != self.key or self.sealed:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self.doc.text(self.key) != self.new:
            self.doc.apply_text(self.key, self.new)

    def undo(self) -> None:
        self.doc.apply_text(self.key, self.old)


class SetSubsectionsCommand(QUndoCommand):
    """Add, remove, rename or reorder the subsections of 一、总体情况 (the whole list before and after)."""

    def __init__(self, doc: ReportDocument, new: list[tuple[str, str]], label: str):
        super().__init__(label)
        self.doc = doc
        self.old = [(s.title, s.text) for s in doc.report.subsections]
        self.new = list(new)

    def redo(self) -> None:
        self.doc.apply_subsections(self.new)

    def undo(self) -> None:
        self.doc.apply_subsections(self.old)


class SetMetaCommand(QUndoCommand):
    """Change 机关名称, 年度 or 落款日期; typing the organ's name letter by letter is one undo step."""

    def __init__(self, doc: ReportDocument, field: str, new, label: str):
        super().__init__(label)
        self.doc, self.field, self.new = doc, field, new
        self.old = getattr(doc.report.meta, field)
        self.sealed = False

    def id(self) -> int:
        return _META_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMetaCommand) or other.field != self.field or self.sealed \
                or self.field != "organ":
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc.apply_meta(self.field, self.new)

    def undo(self) -> None:
        self.doc.apply_meta(self.field, self.old)


class SetNoteCommand(QUndoCommand):
    """Write, change or clear the 出错说明 of one finding (by its key)."""

    def __init__(self, doc: ReportDocument, key: str, new: str, label: str = "修改出错说明"):
        super().__init__(label)
        self.doc, self.key, self.new = doc, key, new.strip()
        self.old = doc.report.notes.get(key, "")

    def redo(self) -> None:
        self.doc.apply_note(self.key, self.new)

    def undo(self) -> None:
        self.doc.apply_note(self.key, self.old)
