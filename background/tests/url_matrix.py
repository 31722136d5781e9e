from people.tests.permissions import FOCAL, Case, ladder

# Who started the job, coordinators and administrators follow it; another trainer's job does not
# exist for a trainer or a focal point (the world's job was started by nobody in particular).
JOB = {**ladder(trainer=404, other=404), FOCAL: 404}

CASES = [
    Case("background:job", JOB, kwargs=lambda w: {"pk": w.job.pk}),
    Case("background:job-json", JOB, kwargs=lambda w: {"pk": w.job.pk}),
]
