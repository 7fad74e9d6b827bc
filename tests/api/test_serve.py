"""`tsunagari serve` starts uvicorn with the request log off unless asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from tsunagari.api.cli.commands import main


@pytest.mark.parametrize(("flags", "logged"), [([], False), (["--access-log"], True)])
def test_the_request_log_is_on_only_when_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], logged: bool
) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(options))
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "serve", *flags])
    assert result.exit_code == 0, result.output
    assert started["access_log"] is logged
