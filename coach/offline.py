"""Keep what coach runs off the network: MediaPipe's own usage uploader included.

MediaPipe wheels newer than 0.10.21 (1.2.3 is installed here) carry a Clearcut telemetry uploader that posts to
https://play.googleapis.com/log when a landmarker closes (google-ai-edge/mediapipe#6291); MediaPipe offers no switch
for it. The uploader is libcurl, linked into the wheel, and libcurl takes its proxy from the environment
(`https_proxy`, `all_proxy`, ...). Pointing those at a proxy scheme libcurl does not support makes every such
transfer stop before any name look-up or connection: measured with strace on `coach analyze` (no connect, sendto,
sendmsg or sendmmsg to any address; tests/test_offline.py). Loopback stays direct (`no_proxy`), so the web app's
local server and a local Ray cluster are untouched. coach itself needs no network at run time.
"""

from __future__ import annotations

import os

#: A proxy URL libcurl refuses at once ("unsupported proxy scheme"): no DNS look-up, no socket connected.
NO_NETWORK_PROXY = "coach-offline://no-network"
#: Hosts that stay direct: this machine only.
LOOPBACK_HOSTS = "localhost,127.0.0.1,::1"
#: The environment libcurl (and Python's urllib) read for proxies, lower case first as libcurl does.
PROXY_VARIABLES = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
NO_PROXY_VARIABLES = ("no_proxy", "NO_PROXY")


def offline_environment() -> dict[str, str]:
    """The environment variables that keep libraries of this process (and its children) off the network."""
    return {**dict.fromkeys(PROXY_VARIABLES, NO_NETWORK_PROXY), **dict.fromkeys(NO_PROXY_VARIABLES, LOOPBACK_HOSTS)}


def keep_offline() -> None:
    """Set offline_environment() in this process (inherited by workers it starts); only what differs is written, so
    calling it again (each pose model load does) changes nothing."""
    for name, value in offline_environment().items():
        if os.environ.get(name) != value:
            os.environ[name] = value
