import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coso.config.settings")
application = get_wsgi_application()
# What start-up loaded stays for the worker's life: keep it out of the garbage
# collector's full passes, which otherwise scan it during a request (a full pass took
# about 90 ms of a vote's request, 20 ms once frozen; bench/tally.py).
gc.collect()
gc.freeze()
