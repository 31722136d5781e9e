from django.urls import path

from courses.views import curriculum

app_name = "courses"

urlpatterns = [
    path("curriculum/", curriculum.module_list, name="module-list"),
    path("curriculum/new/", curriculum.module_create, name="module-create"),
    path("curriculum/<int:pk>/", curriculum.module_detail, name="module-detail"),
    path("curriculum/<int:pk>/edit/", curriculum.module_edit, name="module-edit"),
    path("curriculum/<int:pk>/retire/", curriculum.module_retire, name="module-retire"),
    path("curriculum/<int:pk>/reactivate/", curriculum.module_reactivate, name="module-reactivate"),
]

# Information Notes (issue 9).
from courses.views import notes  # noqa: E402

urlpatterns += [
    path("events/<int:pk>/information-note/", notes.event_note, name="event-note"),
    path("events/<int:pk>/information-note.pdf", notes.event_note_pdf, name="event-note-pdf"),
    path("events/<int:pk>/information-note.txt", notes.event_note_text, name="event-note-text"),
]
