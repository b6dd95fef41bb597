"""Writing a file all at once: a failure midway (a full disk) leaves the old file as it was.

Every file storydiff replaces goes through :func:`write_atomic`: the data is
written to a temporary file in the same folder, flushed to the disk, and only
then renamed over the target (or linked to its name, when the target must not
exist yet). A reader sees the old file or the new one, never half of one, and
on failure the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_TEMP_PREFIX = ".storydiff-"
_TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` whole, or not at all.

    Args:
        path: The file to write. A file replaced keeps its permissions; a new
            one gets the usual ones (the umask's).
        data: Its new content.
        replace: Replace ``path`` if it exists, and is a regular file (or a
            link to one). When False, an existing ``path`` (even a dangling
            symbolic link) is never touched, and the check and the creation are
            one step, so a file that appears meanwhile is not overwritten either.

    Raises:
        FileExistsError: ``path`` exists and ``replace`` is False.
        OSError: ``path`` is not a regular file (a device such as ``/dev/null``,
            a pipe, a folder): renaming over it would put a file in the place
            of the device, so it is never replaced.
        OSError: the file cannot be written (no space, no permission, not a
            folder); ``path`` is as it was and no temporary file is left.
    """
    if replace:
        _refuse_special(path)
    folder = path.parent
    temp, fd = _create_temp(folder)
    try:
        try:
            _write_all(fd, data)
            # A full disk may only show here (the data sat in memory until
            # now), and a rename before the data is on the disk could leave
            # an empty file after a crash.
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            with contextlib.suppress(OSError):
                os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def _refuse_special(path: Path) -> None:
    try:
        found = os.stat(path)
    except OSError:
        return  # nothing there (or nothing to say yet): the write itself reports
    if not stat.S_ISREG(found.st_mode):
        raise OSError(errno.EINVAL, "not a regular file, so it is not replaced", str(path))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def is_temporary(name: str) -> bool:
    """Whether a file name is one of :func:`write_atomic`'s temporary files."""
    return name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX)


def _create_temp(folder: Path) -> tuple[Path, int]:
    # Created by hand rather than with tempfile.mkstemp, which makes the file
    # private (0600): an export should get the permissions any new file gets.
    # The short fixed name leaves room in the folder's name length limit.
    for _attempt in range(100):
        temp = folder / f"{_TEMP_PREFIX}{secrets.token_hex(6)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(
                temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
            )
        except FileExistsError:
            continue
        return temp, fd
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _link_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` only if ``path`` does not exist, then drop ``temp``."""
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        # Some file systems have no hard links: claim the name first, then
        # move the data over the claim (still never over someone else's file).
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        claim = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        os.close(claim)
        try:
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return
    with contextlib.suppress(OSError):
        os.unlink(temp)


def _sync_folder(folder: Path) -> None:
    # The rename is only durable once the folder is; not every system can
    # open a folder for this, and the write has succeeded either way.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
