"""Worker processes of a build die with it, whatever moment the build is killed at."""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: A build of a small synthetic corpus through two workers and a story-link child,
#: SIGKILLed by itself at one moment; the pids of its children go to a file first.
KILLED_AT = """
import json, os, signal, struct, sys
sys.path.insert(0, {root!r})
from pathlib import Path
import index.build, index.parallel
target, moment = Path({target!r}), {moment!r}
children = []

def note(pids):
    children.extend(pids)
    (target / "pids").write_text(json.dumps(children))

def die():
    os.kill(os.getpid(), signal.SIGKILL)

index.build.MIN_PARALLEL_BYTES = 0
index.build.MIN_PARALLEL_LINKS = 0
index.parallel.BATCH = 5
start_workers = index.parallel.ParallelWriter.__init__
def started(self, *args, **kwargs):
    start_workers(self, *args, **kwargs)
    note([w.pid for w in self._workers])
index.parallel.ParallelWriter.__init__ = started
send = index.parallel.ParallelWriter._send
sent = []
def send_then_die(self):
    send(self)
    sent.append(1)
    if moment == "indexing" and len(sent) == 3:
        # die halfway through writing a batch: the worker reading it waits for the rest
        os.write(self._jobs._writer.fileno(), struct.pack("!i", 1 << 20) + b"x" * 100)
        die()
index.parallel.ParallelWriter._send = send_then_die
start_child = index.build.in_child
def child_then_die(*args):
    child = start_child(*args)
    note([child._process.pid])
    if moment == "linking":
        die()
    return child
index.build.in_child = child_then_die
commit = index.build.BuildWriter.commit
def commit_then_die(self, *args):
    if moment == "merging":
        die()
    return commit(self, *args)
index.build.BuildWriter.commit = commit_then_die
read = []
def on_item(item):
    read.append(item)
    if moment == "reading" and len(read) == 2:
        die()
index.build.build([target / "news.jsonl"], target / "ix", on_item=on_item, procs=2)
"""


def _synthetic_corpus(path: Path, items: int = 120) -> None:
    words = ["સરકાર", "ગુજરાત", "ચૂંટણી", "વરસાદ", "सरकार", "पुलिस", "चुनाव", "बारिश"]
    with path.open("w", encoding="utf-8") as out:
        for n in range(items):
            lang = "gu" if n % 2 else "hi"
            text = " ".join(words[(n + k) % len(words)] for k in range(40))
            out.write(json.dumps({"id": f"n{n}", "lang": lang, "title": words[n % 8],
                                  "text": text}, ensure_ascii=False) + "\n")


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
@pytest.mark.parametrize("moment", ["reading", "indexing", "linking", "merging"])
def test_children_of_a_killed_build_exit(tmp_path, moment):
    _synthetic_corpus(tmp_path / "news.jsonl")
    script = KILLED_AT.format(root=str(ROOT), target=str(tmp_path), moment=moment)
    # output to files, not pipes: an orphaned worker would keep a pipe open
    with open(tmp_path / "log", "w") as log:
        done = subprocess.run([sys.executable, "-c", script], stdout=log, stderr=log,
                              timeout=120)
    assert done.returncode == -9, (tmp_path / "log").read_text()
    children = json.loads((tmp_path / "pids").read_text())
    assert len(children) >= 2
    deadline = time.monotonic() + 20      # generous: the machine may be busy
    while any(_running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in children if _running(pid)] == []


def test_a_child_whose_build_is_already_gone_exits_at_once(tmp_path):
    """The build may die between the fork and the child's first line."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from index.parallel import die_with_build;"
            "die_with_build((1, False)); print('still here')")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1 and "still here" not in done.stdout


def test_a_child_of_a_living_build_keeps_running():
    code = ("import os, sys; sys.path.insert(0, sys.argv[1]);"
            "from index.parallel import die_with_build;"
            "die_with_build((os.getppid(), False)); print('still here')")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "still here" in done.stdout
