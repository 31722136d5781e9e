"""State-changing operations of the accreditation app, one transaction each."""
