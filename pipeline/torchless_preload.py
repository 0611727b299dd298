"""Imported first by the local pool's fork server: block torch there before spaCy is imported.

See `pipeline.torchless`. Only the fork server imports this module, never the client.
"""

from pipeline.torchless import block

block()
