"""A file storage whose disk refuses every write, as a full or broken one would."""

from django.core.files.storage import FileSystemStorage


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(28, "No space left on device")
