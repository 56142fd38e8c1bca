"""A wheel built from the checkout carries its schema and templates and works without it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_SPEC, ROOT


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the protocolgen wheel installed in it.

    Its dependencies come from this environment through a .pth file, so the test needs no
    network; the checkout itself is not importable there (the editable install's own .pth
    is not processed from an added directory).
    """
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(work / "dist"), str(ROOT)],
        check=True,
    )
    (wheel,) = (work / "dist").glob("protocolgen-*.whl")
    env_dir = work / "env"
    venv.create(env_dir, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir),
                                                    "platbase": str(env_dir)}))
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        check=True,
    )
    return env_dir


@pytest.mark.slow
def test_wheel_validates_a_spec_with_no_checkout(installed_wheel: Path, tmp_path: Path) -> None:
    spec = tmp_path / "trial.yaml"
    spec.write_text(MINIMAL_SPEC.replace("conditions: [Lupus]", "conditions: []"))
    python = installed_wheel / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import protocolgen.resources as r; print(r.schema_path())"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True,
    ).stdout.strip()
    assert where.startswith(str(installed_wheel)) and "_data" in where
    result = subprocess.run(
        [str(python), "-m", "protocolgen", "validate", str(spec)],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "PG301 warning: no condition is named" in result.stdout
    templates = Path(where).parent.parent / "templates"
    assert templates.is_dir()
