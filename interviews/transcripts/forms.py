"""A transcript from a file: the field (used here and by the interview step) and the
transcript page's form."""

from django import forms

from interviews.transcripts.transcript_files import (
    ACCEPTED,
    KINDS,
    MAX_BYTES,
    SIZE_LIMIT,
    TranscriptFileError,
    file_kind,
    transcript_from_file,
)

FILE_HELP = (
    f"A {ACCEPTED} file of up to {SIZE_LIMIT}: a Word or OpenDocument transcript, plain "
    "text, or a transcription service's subtitles. Paragraphs and speaker turns are kept. "
    "Only the text is saved: the file itself is read and dropped, never stored."
)


class TranscriptFileField(forms.FileField):
    """A transcript file, cleaned to the text it holds ('' when none was chosen)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Transcript from a file")
        kwargs.setdefault("help_text", FILE_HELP)
        accept = ",".join(f".{kind}" for kind in KINDS)
        kwargs.setdefault(
            "widget", forms.FileInput(attrs={"class": "govuk-file-upload", "accept": accept})
        )
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return ""
        try:
            file_kind(upload.name)
            if upload.size > MAX_BYTES:
                raise TranscriptFileError(
                    f"The file is larger than {SIZE_LIMIT}: split it, or paste the transcript."
                )
            upload.seek(0)
            return transcript_from_file(name=upload.name, data=upload.read())
        except TranscriptFileError as error:
            raise forms.ValidationError(str(error), code="transcript_file") from None


class TranscriptFileForm(forms.Form):
    """The transcript page's upload: the file's text becomes the transcript."""

    file = TranscriptFileField(label="Transcript file")
