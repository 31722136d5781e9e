from people.tests.permissions import EXPERT, FOCAL, Case, ladder

# Who started the job, coordinators and administrators follow it; another trainer's job does not
# exist for a trainer, a focal point or an expert (the world's job was started by nobody in particular).
JOB = {**ladder(trainer=404, other=404), FOCAL: 404, EXPERT: 404}

CASES = [
    Case("background:job", JOB, kwargs=lambda w: {"pk": w.job.pk}),
    Case("background:job-json", JOB, kwargs=lambda w: {"pk": w.job.pk}),
]
