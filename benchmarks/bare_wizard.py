"""The reference for start-up: a bare PySide6 window, a 3-page QWizard holding a 30 x 8 table with spans.

Run by benchmarks/run.py next to the program; prints `GKNB_SHOWN <perf_counter_ns> -` when first exposed.
"""
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (QApplication, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard,
                               QWizardPage)


class FirstExpose(QObject):
    """Prints the time of the first expose (after its paint), then quits."""

    done = False

    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Expose and obj.isExposed():
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"GKNB_SHOWN {time.perf_counter_ns()} -", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("bare PySide6 wizard")
    for n in range(3):
        page = QWizardPage()
        page.setTitle(f"第{n + 1}步")
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("说明文字"))
        if n == 0:  # on the first page, so the table is built and painted before "shown"
            table = QTableWidget(30, 8)
            for r in range(30):
                for c in range(8):
                    table.setItem(r, c, QTableWidgetItem(str(r * c)))
            for r in range(0, 30, 5):  # merged label cells, like the official table's
                table.setSpan(r, 0, 5, 1)
            table.setSpan(0, 1, 1, 3)
            lay.addWidget(table)
        wizard.addPage(page)
    wizard.resize(1366, 768)
    wizard.winId()
    probe = FirstExpose()
    wizard.windowHandle().installEventFilter(probe)
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
