#!/usr/bin/env python3
# Copyright 2026 The Liaison authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest without building it (no runtime can be fetched here):
# it must be valid JSON, name the expected app ID and command, point its own module at
# the source tree, and load in flatpak-builder without "Unknown property" warnings
# (flatpak-builder only warns about unknown keys, and still exits 0).
#
# Usage: test-data-flatpak-manifest.py MANIFEST APP_ID
# Exit 77 (skip) when flatpak-builder is missing, except under CI=true, where it fails.

import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check_json(path, app_id):
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")

    if manifest.get("app-id", manifest.get("id")) != app_id:
        fail(f"app-id is not {app_id}")
    if manifest.get("command") != "liaison":
        fail("command is not liaison")
    for key in ("runtime", "runtime-version", "sdk"):
        if not manifest.get(key):
            fail(f"{key} is missing")
    if "--talk-name=org.freedesktop.secrets" in manifest.get("finish-args", []):
        fail("org.freedesktop.secrets is reached through the Secret portal; do not talk to it")

    modules = manifest.get("modules", [])
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get("name") != "liaison":
        fail("the last module must be liaison itself")
    main = modules[-1]
    if main.get("buildsystem") != "meson":
        fail("the liaison module must use the meson build system")
    dirs = [s for s in main.get("sources", []) if s.get("type") == "dir"]
    if len(dirs) != 1:
        fail("the liaison module must have exactly one source of type dir")
    tree = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), dirs[0]["path"]))
    if not os.path.isfile(os.path.join(tree, "meson.build")):
        fail(f"the liaison module's source dir {tree} has no meson.build")


def check_flatpak_builder(path):
    builder = shutil.which("flatpak-builder")
    if builder is None:
        if os.environ.get("CI") == "true":
            fail("flatpak-builder is not installed, and CI=true requires it")
        print("flatpak-builder is not installed: skipped")
        sys.exit(SKIP)

    # flatpak-builder creates a .flatpak-builder state folder in its working directory.
    with tempfile.TemporaryDirectory(prefix="liaison-flatpak-") as tmp:
        proc = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                              cwd=tmp, capture_output=True, text=True, check=False)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        fail(f"flatpak-builder --show-manifest exited with {proc.returncode}")
    if "unknown property" in proc.stderr.lower():
        fail("flatpak-builder does not know some of the manifest's properties")
    if "warning" in proc.stderr.lower():
        fail("flatpak-builder warned while reading the manifest")


def main():
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} MANIFEST APP_ID", file=sys.stderr)
        return 2
    path, app_id = sys.argv[1], sys.argv[2]
    check_json(path, app_id)
    check_flatpak_builder(path)
    print(f"{path}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
