"""The upload of a REFI-QDA file whose codebook is read in."""

from django import forms
from django.core.exceptions import ValidationError

UPLOAD_MAX_BYTES = 50 * 1024 * 1024


class RefiCodebookForm(forms.Form):
    file = forms.FileField(
        label="REFI-QDA project (.qdpx) or codebook (.qdc)",
        help_text="Exported from NVivo, ATLAS.ti, MAXQDA, QualCoder or another tool; "
        "only its codebook is read.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(
                "The file is larger than 50 MB: export the codebook alone (.qdc) from your "
                "tool and import that."
            )
        return upload.read()
