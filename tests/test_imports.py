"""Heavy libraries load only when a file or rule needs them: linting a
plain-text article imports none of them."""
import json
import subprocess
import sys

from conftest import SEEDS

HEAVY = ["trafilatura", "langdetect", "datasketch", "scipy", "dask", "distributed", "warcio", "zstandard",
         "charset_normalizer", "jsonschema", "numpy", "re2", "wordfreq"]
# Not heavy, but start-up counts for pre-commit: what only HTML and WARC input needs.
INPUT_ONLY = ["logging"]


def test_linting_a_text_file_imports_no_heavy_library(tmp_path):
    probe = (
        "import sys, json\n"
        "from newslint.cli import main\n"
        "try:\n"
        f"    main([{str(SEEDS / '004_26a94c212618fc95.txt')!r}, '--no-cache'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([m for m in {HEAVY + INPUT_ONLY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == []


def test_a_user_pack_loads_re2_and_the_builtin_packs_do_not(tmp_path):
    (tmp_path / "mine.yaml").write_text("rules:\n  - {code: TST001, name: test-user, category: chrome, "
                                        "kind: existence, message: m, patterns: ['ban+ana']}\n")
    probe = (
        "import sys\n"
        "from newslint.registry import all_rules\n"
        "from newslint.runner import lint_text\n"
        "lint_text('A banana.', all_rules())\n"
        "print('re2' in sys.modules)\n"
        f"lint_text('A banana.', all_rules([__import__('pathlib').Path({str(tmp_path)!r})]))\n"
        "print('re2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
