"""Satisfaction surveys: questionnaires as data, runs with their sample, answers."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(summary="satisfaction surveys: questionnaires, samples, answers")
