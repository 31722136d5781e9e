"""Static files storage for production: hashed names, compressed copies, served by WhiteNoise."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in str(p)))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The vendored minified libraries (Bootstrap, Chart.js) name source maps that we do not
    ship; Django would refuse to collect them. Their source-map comments are left as they are
    (browsers only fetch maps when developer tools are open)."""

    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
