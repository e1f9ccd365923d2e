"""The HTTP face of newscomment: a JSON API and a web page that highlights the evidence."""
