"""The Ray adapter (the optional presslens[ray] extra): same analyses, model loaded once per actor.

Skips when Ray is not installed (it is in no lock file: the default install and make test
do not need it).
"""

from __future__ import annotations

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed (optional extra: pip install 'presslens[ray]')")

from news import write_news  # noqa: E402

import presslens  # noqa: E402
from presslens.present.json import to_jsonl_line  # noqa: E402
from presslens.scale.ray import actors, map_shards  # noqa: E402
from presslens.scale.shard import iter_analysis_json  # noqa: E402
from presslens.settings import Settings  # noqa: E402

pytestmark = pytest.mark.slow


def test_ray_actors_give_the_service_path_analyses(tmp_path):
    paths = [str(p) for p in write_news(tmp_path / "in", 6)]
    settings = Settings()
    expected = sorted(to_jsonl_line(r) for _, r in presslens.analyze_items(paths, settings.with_(on_error="record")))
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    try:
        pool = actors(settings, 2)
        results = list(map_shards([paths[i : i + 2] for i in range(0, 6, 2)], tmp_path / "out", settings, pool=pool))
        assert sorted(r.inputs for r in results) == [2, 2, 2]
        lines = sorted(line for r in results for line in iter_analysis_json(r.output))
        assert lines == expected
        for state in ray.get([a.state.remote() for a in pool]):
            assert state["pipelines"] == 1 and state["cached"] == [state["loaded"]]
    finally:
        ray.shutdown()
