"""gunicorn for cdthub in production: `gunicorn -c deploy/gunicorn.conf.py` (the systemd unit
deploy/systemd/cdthub.service does this). Each value can be changed by the environment variable
named next to it, so the unit file needs no edit for a bigger machine.

Listens on the socket systemd hands over (deploy/systemd/cdthub.socket), or on GUNICORN_BIND,
e.g. 127.0.0.1:8000. Request lines are logged by cdthub itself, as JSON without addresses or
query strings (production settings), so gunicorn's own access log stays off.
"""

import multiprocessing
import os

wsgi_app = "cdthub.web.wsgi:application"
raw_env = [
    "DJANGO_SETTINGS_MODULE=" + os.environ.get("DJANGO_SETTINGS_MODULE", "cdthub.web.settings.prod")
]

bind = os.environ.get("GUNICORN_BIND", "unix:/run/cdthub/gunicorn.sock").split(",")
# gthread: a few processes with threads each; about one process per core, 4 threads each
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# the catalog snapshot is built once in the master before forking (wsgi.py, CDTHUB_WARM_UP)
preload_app = True
raw_env.append("CDTHUB_WARM_UP=" + os.environ.get("CDTHUB_WARM_UP", "1"))

timeout = 30  # a worker silent this long is restarted
graceful_timeout = 20
keepalive = 5  # nginx keeps connections to the app open (upstream keepalive)
max_requests = 5000  # recycle workers now and then; jitter so they do not all restart at once
max_requests_jitter = 500
forwarded_allow_ips = "127.0.0.1,::1"  # nginx on the same machine; the socket is always trusted

accesslog = None  # cdthub logs each request itself (cdthub.ops.requestlog)
errorlog = "-"  # to stderr: the journal under systemd
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = True  # stray prints end up in the error log, not lost
