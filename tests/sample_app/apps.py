from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "tests.sample_app"
    label = "sample"
    verbose_name = "Sample"
