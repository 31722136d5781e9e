from django.urls import path

from mailing.views import messages, templates

app_name = "mailing"

urlpatterns = [
    path("templates/", templates.template_list, name="template-list"),
    path("templates/<slug:kind>/<str:language>/", templates.template_edit, name="template-edit"),
    path("messages/<uuid:pk>/", messages.message_detail, name="message-detail"),
    path("messages/<uuid:pk>/send-again/", messages.message_send_again, name="message-send-again"),
]
