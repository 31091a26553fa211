"""Emulation: criteria sets, runs over units, scores explained line by line."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(summary="emulation: criteria sets, scores explained, classification")
