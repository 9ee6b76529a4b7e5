from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "laborbureau.documents"
    label = "documents"
    verbose_name = "公文 Documents"
