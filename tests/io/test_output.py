"""One rule for every output path (`actorgraph.io.output`): missing folders are created; a
path that cannot be written is a usage error naming it, before any work."""

from __future__ import annotations

import os

import pytest

from actorgraph.errors import UsageError
from actorgraph.io.output import output_file, output_folder


def test_missing_folders_are_created_for_a_file_and_for_a_folder(tmp_path):
    assert output_file(tmp_path / "a" / "b" / "map.png") == tmp_path / "a" / "b" / "map.png"
    assert (tmp_path / "a" / "b").is_dir()
    assert not (tmp_path / "a" / "b" / "map.png").exists()  # checked, not written
    assert output_folder(tmp_path / "c" / "d").is_dir()


@pytest.mark.parametrize(("make", "message"), [
    (lambda t: output_file(t / "f" / "x.json"), "cannot write {t}/f/x.json: {t}/f is a file, "
                                                "not a folder"),
    (lambda t: output_file(t / "f" / "deeper" / "x.json"),
     "cannot write {t}/f/deeper/x.json: {t}/f is a file, not a folder"),
    (lambda t: output_file(t), "cannot write {t}: it is a folder; give a file name"),
    (lambda t: output_folder(t / "f"), "cannot write into {t}/f: it is a file, not a folder"),
])
def test_what_cannot_be_written_is_a_usage_error_naming_it(tmp_path, make, message):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        make(tmp_path)
    assert str(caught.value) == message.format(t=tmp_path)
    assert not (tmp_path / "f" / "deeper").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UsageError, match=f"cannot write {locked}/x.gexf: permission denied"):
            output_file(locked / "x.gexf")
    finally:
        locked.chmod(0o700)
