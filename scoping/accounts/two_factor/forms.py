from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=16,
        error_messages={"required": "Enter the 6-digit code from your app, or a backup code"},
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()
