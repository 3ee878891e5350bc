// Drag a planned post to another day in the month or week view (in the week by hour also to another hour); without
// JavaScript, the post's own page moves it.
(function () {
  var csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1];
  var dragged = null;
  document.querySelectorAll(".cal .post[draggable=true]").forEach(function (card) {
    card.addEventListener("dragstart", function (e) { dragged = card; e.dataTransfer.setData("text/plain", card.dataset.move); });
  });
  // A day of the month, a day of the phone's week list, a day's column head or an hour's cell of the week table.
  document.querySelectorAll(".cal [data-day]").forEach(function (day) {
    day.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); day.classList.add("drop"); } });
    day.addEventListener("dragleave", function () { day.classList.remove("drop"); });
    day.addEventListener("drop", function (e) {
      e.preventDefault();
      day.classList.remove("drop");
      if (!dragged) return;
      var form = document.createElement("form");
      form.method = "post";
      form.action = dragged.dataset.move;
      var fields = [["csrfmiddlewaretoken", csrf], ["day", day.dataset.day], ["next", location.pathname + location.search]];
      if (day.dataset.hour) fields.push(["hour", day.dataset.hour]);
      fields.forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1] || "";
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    });
  });
})();
