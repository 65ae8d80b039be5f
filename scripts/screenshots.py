"""Screenshots of the results page for docs/: a Latin and a native query, at 1280 and 390 px.

    .venv/bin/python scripts/screenshots.py INDEX [--out docs]

Serves INDEX with waitress on 127.0.0.1 (a free port) and drives Debian's
Chromium through Playwright, as tests/test_browser.py does.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: (file stem, query): a Latin query whose expansion chips show, and a native one.
SHOTS = (("results-latin", "share bazar"), ("results-native", "પુતિન"))
#: Viewports: desktop, and a phone (iPhone 12-15 width).
SIZES = ((1280, 900), (390, 844))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("--out", default="docs")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    from waitress.server import create_server

    from web import create_app
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = create_server(create_app({"INDEX_DIR": args.index}), host="127.0.0.1", port=port)
    threading.Thread(target=server.run, daemon=True).start()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium,
                                             args=["--headless", "--no-sandbox"])
            for stem, query in SHOTS:
                for width, height in SIZES:
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  is_mobile=width < 600, locale="en-US")
                    tab = context.new_page()
                    tab.goto(f"http://127.0.0.1:{port}/search?q={query}")
                    path = out / f"{stem}-{width}.png"
                    tab.screenshot(path=str(path))
                    print(path)
                    context.close()
            browser.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
