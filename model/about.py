"""The program's name, version and publisher: one place for the window title, --version and the exe's resource."""

APP_ID = "gknb"
APP_NAME = "公开年报助手"
VERSION = "1.0.0"
# The Windows version resource has a company field; the program is published by its project, not a firm.
COMPANY = "公开年报助手项目组"
DESCRIPTION = "政府信息公开工作年度报告的编制、检查与导出"
COPYRIGHT = "© 2026 公开年报助手项目组"


def version_tuple() -> tuple[int, int, int, int]:
    """VERSION as the four numbers a Windows version resource holds."""
    nums = [int(p) for p in VERSION.split(".")]
    return tuple((nums + [0, 0, 0, 0])[:4])  # type: ignore[return-value]
