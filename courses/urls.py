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
