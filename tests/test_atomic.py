"""No lost words: new files are created atomically and never replace an existing one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from retro_reviews import atomic
from retro_reviews.atomic import write_new_file, write_output_file
from retro_reviews.cli import cli
from retro_reviews.errors import RetroError, WriteRefused

PACKAGE = Path(atomic.__file__).resolve().parent


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "review.md"
    write_new_file(target, "é\n" * 10_000)
    assert target.read_text(encoding="utf-8") == "é\n" * 10_000
    assert _leftovers(target.parent) == []


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_files_get_the_permissions_the_umask_gives_new_files(tmp_path: Path, umask: int) -> None:
    # A shared checkout or server: a review written by retro is readable as any file the
    # writer makes there, not by its owner only (the temporary file's mode).
    atomic._umask.cache_clear()
    old = os.umask(umask)
    try:
        write_new_file(tmp_path / "review.md", "text\n")
        write_output_file(tmp_path / "report.txt", "text\n")
        (tmp_path / "plain.txt").write_text("text\n")
    finally:
        os.umask(old)
        atomic._umask.cache_clear()
    expected = (tmp_path / "plain.txt").stat().st_mode & 0o777
    assert expected == 0o666 & ~umask
    assert (tmp_path / "review.md").stat().st_mode & 0o777 == expected
    assert (tmp_path / "report.txt").stat().st_mode & 0o777 == expected


def test_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("the writer's words\n")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    with pytest.raises(WriteRefused, match="already exists; retro never overwrites a file"):
        write_new_file(target, "template\n")
    assert target.read_text() == "the writer's words\n"
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert _leftovers(tmp_path) == []


def test_a_symlink_at_the_target_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep\n")
    (tmp_path / "reviews").mkdir()
    link = tmp_path / "reviews" / "review.md"
    link.symlink_to(elsewhere)
    with pytest.raises(WriteRefused):
        write_new_file(link, "x")
    assert elsewhere.read_text() == "keep\n"


def test_file_created_between_check_and_link_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The existence check is only a courtesy: the link itself refuses to replace."""
    target = tmp_path / "review.md"
    real_link = os.link

    def racing_link(src: str, dst: str) -> None:
        Path(dst).write_text("the other writer's words\n")
        real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", racing_link)
    with pytest.raises(WriteRefused):
        write_new_file(target, "ours\n")
    assert target.read_text() == "the other writer's words\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "fsync", "link"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: BaseException
) -> None:
    target = tmp_path / "review.md"

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    if where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self.handle = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, text: str) -> None:
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise error

        monkeypatch.setattr(atomic.os, "fdopen", HalfWriter)
    else:
        monkeypatch.setattr(atomic.os, where, fail)
        if where == "link":  # and the fallback for file systems without hard links
            monkeypatch.setattr(atomic.os, "open", fail)
    expected = RetroError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_new_file(target, "words\n" * 1000)
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_without_hard_links_the_exclusive_create_still_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "review.md"
    write_new_file(target, "first\n")
    assert target.read_text() == "first\n"
    with pytest.raises(WriteRefused):
        write_new_file(target, "second\n")
    assert target.read_text() == "first\n"
    assert _leftovers(tmp_path) == []


def test_unwritable_folder_is_a_clear_error(
    project: Path, chdir: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    chdir(project)
    result = CliRunner().invoke(cli, ["new", "Locked folder", "--date", "2026-03-01"])
    assert result.exit_code == 2
    target = project / "reviews" / "2026" / "2026-03-01-locked-folder.md"
    assert result.output == f"Error: cannot write {target}: Permission denied\n"
    assert not target.exists()


def test_report_output_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_output_file(target, "old\n")
    write_output_file(target, "new\n" * 1000)
    assert target.read_text() == "new\n" * 1000
    assert _leftovers(tmp_path) == []


def test_retro_new_twice_refuses_and_keeps_the_review(
    project: Path, chdir: Callable[[Path], None]
) -> None:
    chdir(project)
    args = ["new", "Wrong colour shipped", "--date", "2026-03-01", "--author", "Support"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0
    path = project / first.output.strip()
    path.write_text(path.read_text() + "\nThe writer's words.\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 1
    assert second.output == (
        f"Error: {path} already exists; retro never overwrites a file. "
        "Choose another title, or edit the existing review.\n"
    )
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


RACER = """
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.001)
sys.argv = ["retro", "new", "Two writers one title", "--date", "2026-03-01", "--author", "A"]
from retro_reviews.cli import main
main()
"""


def test_two_racing_retro_new_runs_end_with_one_file_and_one_refusal(project: Path) -> None:
    go = project.parent / "go"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(go)],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(1.0)  # both imported retro and are waiting
    go.touch()
    results = [(p.wait(timeout=60), *p.communicate()) for p in racers]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    refusal = next(err for code, _, err in results if code == 1)
    assert "already exists; retro never overwrites a file" in refusal
    folder = project / "reviews" / "2026"
    assert sorted(p.name for p in folder.iterdir()) == ["2026-03-01-two-writers-one-title.md"]
    assert "Traceback" not in "".join(err for _, _, err in results)


KILLED = """
import os, sys, time
from retro_reviews import atomic
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
atomic.os.fsync = slow_fsync
sys.argv = ["retro", "new", "Killed half way", "--date", "2026-03-01", "--author", "A"]
from retro_reviews.cli import main
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_run_killed_mid_write_leaves_no_review_file(project: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    folder = project / "reviews" / "2026"
    names = sorted(p.name for p in folder.iterdir())
    assert "2026-03-01-killed-half-way.md" not in names
    if sig == signal.SIGINT:  # Python cleans up: not even the temporary file is left
        assert names == []
        assert proc.returncode != 0
        assert "Aborted!" in err
    else:  # SIGKILL cannot be cleaned up after: at most a hidden temporary, never read
        assert all(name.startswith(".") and name.endswith(".tmp") for name in names)
        result = CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), "check"])
        assert result.stdout == "Checked 0 files: 0 errors, 0 warnings.\n"


def test_every_write_in_the_package_goes_through_atomic() -> None:
    """Only atomic.py opens files for writing (reviews, reports, anything else)."""
    writers = (
        "write_text(",
        "write_bytes(",
        '"w"',
        "'w'",
        '"wb"',
        '"a"',
        "O_WRONLY",
        "shutil.copy",
        "os.replace(",
        "os.rename(",
    )
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "atomic.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {w}" for w in writers if w in text]
    assert offenders == []
