"""The release path's guard: a tag publishes only the version the package says it is."""

from __future__ import annotations

import release_check


def test_a_tag_publishes_only_the_packages_own_version() -> None:
    version = release_check.version()
    assert release_check.check_tag(f"v{version}") == 0
    assert release_check.check_tag(version) == 1  # no leading v
    assert release_check.check_tag(f"v{version}.post1") == 1
