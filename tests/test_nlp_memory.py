"""tidings.nlp.memory.keep_freed_memory: malloc's thresholds set once for the models' arrays."""

from __future__ import annotations

import platform

import pytest

from tidings.nlp.memory import keep_freed_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt's thresholds are glibc's")
def test_sets_the_thresholds_under_glibc(monkeypatch):
    for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES"):
        monkeypatch.delenv(name, raising=False)
    assert keep_freed_memory() is True


def test_the_users_own_malloc_settings_win(monkeypatch):
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    assert keep_freed_memory() is False


def test_the_pipeline_output_does_not_depend_on_it(nlp):
    from tidings.nlp import new_doc

    text = "Rebels shelled the town on Monday.\n\nThe army said it would retake it."
    first = [(t.dep_, t.head.i, t.ent_type_) for t in nlp(new_doc(nlp, text))]
    keep_freed_memory()
    assert [(t.dep_, t.head.i, t.ent_type_) for t in nlp(new_doc(nlp, text))] == first
