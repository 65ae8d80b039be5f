"""Render benchmark results as Markdown (docs/benchmarks.md) and JSON."""
from __future__ import annotations

import json
from pathlib import Path

from .queries import QUERY_CLASSES

ENGINE_TITLES = {"project": "this project", "whoosh": "plain Whoosh", "tantivy": "Tantivy"}
#: This project's column title on each backend.
PROJECT_TITLES = {"whoosh": "this project", "opensearch": "this project on OpenSearch"}

#: (key, label, format) of the per-engine figures, in table order.
FIGURES = (
    ("docs_per_s", "full build, docs/s (higher is better)", "{:,.0f}"),
    ("build_s", "full build, s", "{:.1f}"),
    ("build_cpu_docs_per_s", "full build, docs per CPU second (less sensitive to load)", "{:,.0f}"),
    ("rebuild_unchanged_s", "rebuild, nothing changed, s", "{:.1f}"),
    ("rebuild_one_file_s", "rebuild, one file of 20 changed, s", "{:.1f}"),
    ("size_mb", "index size on disk, MB", "{:.1f}"),
    ("cold_start_s", "cold start (process start to first answer), s", "{:.2f}"),
    ("rss_mb", "serving peak RSS (waitress, VmHWM), MB", "{:.0f}"),
    ("node_rss_mb", "OpenSearch node RSS after serving (VmRSS), MB", "{:.0f}"),
    ("node_heap_max_mb", "OpenSearch node heap (-Xmx), MB", "{:.0f}"),
)


def _cell(value, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def _rows(engines: dict) -> list[tuple[str, list]]:
    rows = [(label, [engine.get(key) for engine in engines.values()], fmt)
            for key, label, fmt in FIGURES
            if any(engine.get(key) is not None for engine in engines.values())]
    for name, _, _ in QUERY_CLASSES:
        for p in ("p50", "p95", "p99"):
            values = [engine.get("latency", {}).get(name, {}).get(p) for engine in engines.values()]
            rows.append((f"{name}, {p} ms", values, "{:.2f}"))
    return rows


def titles(results: dict) -> dict[str, str]:
    """Return the column title of each engine (this project's says its backend)."""
    return {**ENGINE_TITLES, "project": PROJECT_TITLES[results.get("backend", "whoosh")]}


def size_table(data: dict, names: dict = ENGINE_TITLES) -> list[str]:
    """Return the Markdown table of one corpus size: engines side by side, then ratios."""
    engines = {k: v for k, v in data["engines"].items() if "skipped" not in v}
    baselines = [name for name in engines if name != "project"]
    head = ["figure"] + [names[n] for n in engines]
    head += [f"project ÷ {names[n]}" for n in baselines]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, values, fmt in _rows(engines):
        cells = [_cell(v, fmt) for v in values]
        project = values[0]
        for value in values[1:]:
            cells.append(f"{project / value:.2f}x" if project is not None and value else "-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def hits_table(data: dict, names: dict = ENGINE_TITLES) -> list[str]:
    """Return hits per query for each engine (what each engine finds, not only how fast)."""
    engines = {k: v for k, v in data["engines"].items() if "skipped" not in v}
    lines = ["| class | query | " + " | ".join(names[n] for n in engines) + " |",
             "|---|---|" + "---|" * len(engines)]
    for name, _, queries in QUERY_CLASSES:
        for query in queries:
            hits = [str(e.get("latency", {}).get(name, {}).get("hits", {}).get(query, "-"))
                    for e in engines.values()]
            lines.append(f"| {name} | `{query}` | " + " | ".join(hits) + " |")
    return lines


def profile_table(profile: dict) -> list[str]:
    """Return the top entries of one profile as Markdown tables."""
    lines = [f"**{profile['what']}**, {profile['seconds']:.2f} s profiled.", ""]
    for key, title in (("own", "Top by own time"),
                       ("project_cumulative", "This project's functions, top by cumulative time")):
        lines += [f"{title}:", "", "| own s | cumulative s | calls | function |",
                  "|---|---|---|---|"]
        for row in profile["top"][key]:
            lines.append(f"| {row['own_s']:.3f} | {row['cumulative_s']:.3f} | {row['calls']:,} "
                         f"| `{row['function']}` |")
        lines.append("")
    return lines


def machine_lines(machine: dict) -> list[str]:
    """Return the machine and software facts as a bullet list."""
    packages = ", ".join(f"{k} {v}" for k, v in machine["packages"].items())
    return [f"- Date: {machine['date']}",
            f"- Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['ram_gb']} GB RAM, "
            f"load average at start {machine['load_average']}",
            f"- Python {machine['python']} on {machine['platform']}; {packages}",
            f"- Code measured: {machine.get('code', 'unknown')}"]


def cluster_lines(cluster: dict | None) -> list[str]:
    """Return the OpenSearch cluster facts (none for the Whoosh backend)."""
    if not cluster:
        return []
    return [f"- OpenSearch {cluster['version']} at {cluster['url']}: {cluster['nodes']} node(s), "
            f"heap {', '.join(f'{mb:,} MB' for mb in cluster['heap_max_mb'])}"]


def markdown(results: dict) -> str:
    """Return the whole benchmark page."""
    out = ["# Benchmarks", "", "Generated by `scripts/bench.py`; rerun it to refresh this page.", "",
           *machine_lines(results["machine"]), *cluster_lines(results.get("cluster")),
           f"- Command: `{results['command']}`",
           f"- Figures are medians of {results['runs']} run(s).", "", "## Targets", "",
           "| target | goal | measured | verdict | margin |", "|---|---|---|---|---|"]
    for row in results["targets"]:
        out.append(f"| {row['target']} | {row['goal']} | {row['measured']} | **{row['status']}** "
                   f"| {row['margin']} |")
    for size, data in results["sizes"].items():
        out += ["", f"## {int(size):,} items ({data.get('label', '')})", ""]
        if data.get("skipped"):
            out += [f"Not measured: {data['skipped']}"]
            continue
        names = titles(results)
        out += [*size_table(data, names), "", f"Hits per query at {int(size):,} items:", "",
                *hits_table(data, names)]
        out += ["", *[f"- {note}" for note in data.get("notes", [])]]
    if results.get("profile"):
        out += ["", "## Profile (cProfile, top entries by own time)", ""]
        for profile in results["profile"]:
            out += profile_table(profile)
    out += ["", "## How it is measured", "", *[f"- {note}" for note in results["method"]], ""]
    return "\n".join(out)


def write(results: dict, markdown_path: Path) -> Path:
    """Write the Markdown page and the JSON beside it; return the JSON path."""
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(markdown(results), "utf-8")
    json_path = markdown_path.with_suffix(".json")
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return json_path
