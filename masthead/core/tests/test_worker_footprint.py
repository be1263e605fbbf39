"""A web worker starts lean: reader requests need no scientific stack, and startup's objects
are kept out of the garbage collector's full passes."""

import json
import os
import subprocess
import sys

HEAVY = ("numpy", "scipy", "sklearn")


def test_a_web_worker_loads_no_similar_stories_engine_and_freezes_what_it_loaded():
    code = (
        "import gc, json, sys; from masthead.wsgi import application;"
        "print(json.dumps({'modules': sorted({m.split('.')[0] for m in sys.modules}),"
        " 'frozen': gc.get_freeze_count()}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    worker = json.loads(result.stdout.strip().splitlines()[-1])
    # numpy, scipy and scikit-learn are some 90 MB in each worker; only the engine's rebuild
    # (a task, or `masthead similar`) and the editor's reasons need them.
    assert not set(HEAVY) & set(worker["modules"])
    assert worker["frozen"] > 100_000
