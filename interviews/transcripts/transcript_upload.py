"""Keep an uploaded transcript file in memory, never on the disk.

Django writes an upload larger than ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary
file, and a transcript file holds interview data. This handler, first in
``FILE_UPLOAD_HANDLERS``, takes the files posted to the transcript upload pages only
(``UPLOAD_VIEWS``) and keeps them in memory; past ``transcript_files.MAX_BYTES`` it counts
the bytes without keeping them, so the form can say the file is too large. Other pages'
uploads go on to Django's own handlers.
"""

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.urls import Resolver404, resolve

from interviews.transcripts.transcript_files import MAX_BYTES

UPLOAD_VIEWS = {"interviews:transcript_file", "interviews:flow_interview"}


def is_transcript_upload(request):
    try:
        return resolve(request.path_info).view_name in UPLOAD_VIEWS
    except Resolver404:
        return False


class TranscriptUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.active = request is not None and is_transcript_upload(request)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.active:
            self.kept, self.received = io.BytesIO(), 0
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if not self.active:
            return raw_data
        self.received += len(raw_data)
        if self.received <= MAX_BYTES:
            self.kept.write(raw_data)
        return None

    def file_complete(self, file_size):
        if not self.active:
            return None
        kept = self.kept if self.received <= MAX_BYTES else io.BytesIO()
        kept.seek(0)
        return InMemoryUploadedFile(
            file=kept,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,  # the true size, so a file too large says so
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
