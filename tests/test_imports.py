"""Heavy libraries load only when a file or rule needs them: linting a
plain-text article imports none of them."""
import json
import subprocess
import sys

from conftest import SEEDS

HEAVY = ["trafilatura", "langdetect", "datasketch", "scipy", "dask", "distributed", "warcio", "zstandard",
         "charset_normalizer", "jsonschema"]


def test_linting_a_text_file_imports_no_heavy_library(tmp_path):
    probe = (
        "import sys, json\n"
        "from newslint.cli import main\n"
        "try:\n"
        f"    main([{str(SEEDS / '004_26a94c212618fc95.txt')!r}, '--no-cache'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == []
