"""Every OS error in Chinese: one table from errno (and Windows' winerror) to words a clerk can act on.

Python's own texts ("Is a directory", "File name too long", "[WinError 32] ...") never reach a message:
read_error_message / write_error_message make the whole sentence, describe() the reason alone.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

_OPEN_ELSEWHERE = "文件正被其他程序（如 Word、WPS）打开"

# errno name -> the reason; looked up by name so that codes a platform lacks are simply absent.
_BY_ERRNO = {
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中的某一级不是文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENAMETOOLONG": "文件名或路径太长（请把文件放到层级较浅的文件夹，或改用较短的文件名）",
    "ELOOP": "快捷方式（符号链接）层层相套，找不到真正的文件",
    "ENOSPC": "磁盘空间已满",
    "EDQUOT": "磁盘配额已用完",
    "EFBIG": "文件太大，超出了磁盘所允许的大小",
    "EROFS": "磁盘或文件夹是只读的",
    "EACCES": "没有权限",
    "EPERM": "没有权限（操作不被允许）",
    "EBUSY": _OPEN_ELSEWHERE,
    "ETXTBSY": _OPEN_ELSEWHERE,
    "EEXIST": "同名的文件已存在",
    "ENOTEMPTY": "文件夹不是空的",
    "EMFILE": "同时打开的文件太多（请关闭一些程序后再试）",
    "ENFILE": "系统中打开的文件太多（请关闭一些程序后再试）",
    "EIO": "读写磁盘时出错（磁盘、U 盘或网络连接可能有问题）",
    "EXDEV": "不能在不同的磁盘之间直接移动文件",
    "EINVAL": "文件名中含有不允许的字符，或路径无效",
    "ENXIO": "设备不存在或未连接",
    "ENODEV": "设备不存在或未连接",
    "EAGAIN": "文件暂时无法访问（请稍后再试）",
    "EWOULDBLOCK": "文件暂时无法访问（请稍后再试）",
    "EINTR": "操作被中断（请再试一次）",
    "ETIMEDOUT": "网络连接超时",
    "EHOSTUNREACH": "连不上存放文件的电脑（网络不通）",
    "ENETUNREACH": "网络不通",
    "ENETDOWN": "网络不通",
    "ECONNRESET": "网络连接中断",
    "ESTALE": "网络文件夹中的文件已失效（请重新打开该文件夹）",
    "ENOMEM": "内存不足",
    "ENOLCK": "无法锁定文件",
    "EOVERFLOW": "文件太大，无法读取",
}
ERRNO_REASONS: dict[int, str] = {getattr(errno, k): v for k, v in reversed(_BY_ERRNO.items()) if hasattr(errno, k)}

# Windows system error codes (OSError.winerror) that say more than the errno Python maps them to.
WINERROR_REASONS: dict[int, str] = {
    5: "没有权限",
    32: _OPEN_ELSEWHERE,  # ERROR_SHARING_VIOLATION
    33: "文件的一部分被其他程序锁定（如 Word、WPS 正打开它）",  # ERROR_LOCK_VIOLATION
    53: "找不到网络路径（存放文件的电脑未开机或网络不通）",
    67: "找不到网络名（共享文件夹已不存在）",
    112: "磁盘空间已满",
    123: "文件名、文件夹名中含有不允许的字符（如 \\ / : * ? \" < > |）",
    206: "文件名或路径太长（请把文件放到层级较浅的文件夹，或改用较短的文件名）",
    225: "杀毒软件认为文件有病毒，阻止了访问",
    1920: "系统无法访问此文件",
    # Folders synced by OneDrive / WPS 云文档 / 坚果云: a file shown there may be only a placeholder
    362: "文件只在云盘中，还没有下载到本机，而云盘程序（如 OneDrive）没有运行：请先启动它，或把文件下载到本机",
    388: "文件只在云盘中，还没有下载到本机，而现在连不上网络：请联网后再试，或先把文件设为“始终保留在此设备上”",
    389: "云盘程序没能把文件下载到本机：请在云盘程序中查看，或把文件复制到本机文件夹",
    391: "云盘程序正在同步这个文件：请稍候再试",
    395: "云盘程序不允许访问这个文件",
}

PATH_SHOWN = 80  # characters of a path shown in a message; a longer one is shortened in the middle


def describe(e: OSError) -> str:
    """The reason alone, in Chinese (never Python's English text)."""
    win = getattr(e, "winerror", None)
    if win in WINERROR_REASONS:
        return WINERROR_REASONS[win]
    if e.errno in ERRNO_REASONS:
        return ERRNO_REASONS[e.errno]
    code = win if win is not None else e.errno
    return f"系统错误（错误号 {code}）" if code is not None else "系统错误"


def show_path(path: str | os.PathLike, limit: int = PATH_SHOWN) -> str:
    """A path for a message: whole when short, else its start and its end with "…" between."""
    s = str(path)
    if len(s) <= limit:
        return s
    head = limit // 3
    return f"{s[:head]}…{s[-(limit - head - 1):]}"


def is_in_use(e: OSError) -> bool:
    """The file is held open by another program (Word or WPS on Windows: a sharing or lock violation), so
    closing it there and trying again will work: the window offers 重试 for exactly this case."""
    return getattr(e, "winerror", None) in (32, 33, 391) or e.errno in (errno.EBUSY, getattr(errno, "ETXTBSY", -1))


def read_error_message(e: OSError, path: str | os.PathLike, what: str) -> str:
    """Why a file could not be read, as a whole sentence; `what` names the kind of file expected, e.g.
    年报项目文件 or Word 文件."""
    path = Path(path)
    shown = show_path(path)
    if e.errno == errno.ENOENT and getattr(e, "winerror", None) not in (53, 67):
        return f"找不到文件「{shown}」。它可能已被移动、改名或删除。"
    if e.errno == errno.EISDIR:
        return f"「{shown}」是一个文件夹，不是{what}。"
    if is_in_use(e):
        return f"无法读取「{shown}」：{_OPEN_ELSEWHERE}。请先在那个程序中关闭它，再试一次。"
    if e.errno in (errno.EACCES, errno.EPERM) or getattr(e, "winerror", None) == 5:
        return f"没有权限读取「{shown}」；如果文件正在其他程序（如 Word、WPS）中打开，请先关闭。"
    return f"无法读取「{shown}」：{describe(e)}。"


def write_error_message(e: OSError, path: str | os.PathLike) -> str:
    """Why a file could not be written, as a whole sentence (the old file is never touched by a failure)."""
    path = Path(path)
    name, folder = show_path(path.name, 60), show_path(path.parent)
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or getattr(e, "winerror", None) == 112:
        return f"磁盘空间已满，无法保存「{name}」。原有文件没有被改动；请清理磁盘后再保存，或另存到其他位置。"
    if is_in_use(e):
        reason = describe(e) if getattr(e, "winerror", None) == 391 else _OPEN_ELSEWHERE  # 391: the sync client
        return f"无法保存「{name}」：{reason}。原有文件没有被改动；请先在那个程序中关闭它，再保存一次。"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or getattr(e, "winerror", None) == 5:
        return (f"无法写入文件夹「{folder}」：它是只读的，或您没有写入权限，或文件正被其他程序（如 Word、WPS）"
                f"打开。请关闭该文件，或另存到其他文件夹（如“文档”）。")
    if e.errno in (errno.ENOENT, errno.ENOTDIR) and not is_folder(path.parent):
        blocker = _file_in_the_way(path.parent)
        if blocker is not None:
            return (f"无法保存「{name}」：「{show_path(blocker)}」是一个文件，不是文件夹。"
                    f"请另选保存位置。")
        return f"文件夹「{folder}」不存在，无法保存「{name}」。请另选保存位置。"
    if e.errno == errno.EISDIR:
        return f"无法保存「{name}」：同名的文件夹已存在。请换一个文件名。"
    return f"无法保存「{name}」：{describe(e)}。原有文件没有被改动。"


def _file_in_the_way(folder: Path) -> Path | None:
    """The part of a folder path that exists but is a file (a/b.gknb where a is a file), or None."""
    for p in (folder, *folder.parents):
        try:
            if p.exists():
                return None if p.is_dir() else p
        except OSError:
            return None
    return None


def is_folder(p: Path) -> bool:
    """Whether p is a folder; False when it cannot even be looked at (no rights, a broken share)."""
    try:
        return p.is_dir()
    except OSError:
        return False
