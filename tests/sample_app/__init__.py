"""An app added the way every new app is: its folder, and one line in INSTALLED_APPS
(tests/sample_app/settings.py). It declares a page, an API operation, an action of the
permission matrix, an indicator and a demo seed step in its manifest.py; no central file
names it. check_sample_app.py, run by tests/test_adding_an_app.py in a process of its
own, shows each one found."""
