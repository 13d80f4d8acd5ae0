"""The handout's example app: a form that stores your first name in Flask's session.

Session Lab runs this file's logic in its sandbox and highlights the lines that ran; the tests
also run it under real Flask to check that the sandbox sends the same cookies.
Run it yourself with: flask --app flask_app run
"""
from flask import Flask, session, request, redirect, render_template, url_for, flash

app = Flask(__name__)
# The handout's example key. It is public on purpose so you can check every signature yourself.
# A real app must read a secret key from the environment instead.
app.secret_key = 'w98fw9ef8hwe98fhwef'


@app.get('/')
def index():
    return render_template('index.html')


@app.post('/store')
def store():
    session['firstName'] = request.form['firstName']
    return redirect(url_for('index'))


@app.post('/store-second')
def store_second():
    session['favouriteColour'] = request.form['favouriteColour']
    return redirect(url_for('index'))


@app.post('/clear')
def clear():
    session.clear()
    return redirect(url_for('index'))


@app.post('/permanent')
def permanent():
    session.permanent = True
    return redirect(url_for('index'))


@app.post('/flash')
def flash_message():
    # flash() keeps the message in the session (under '_flashes') until a page shows it.
    flash(request.form['message'])
    return redirect(url_for('index'))
